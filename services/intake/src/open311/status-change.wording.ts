// What a citizen is told when dispatch moves their incident: a short status line in Chinese and in
// English (the 12345 operators and Open311 clients may read either), and open or closed.
import type { IncidentStatusChangedV1, LaneName, Resolution } from '@jingwang/contracts';

export interface UpdateWording {
  status: 'open' | 'closed';
  zh: string;
  en: string;
}

type Change = Pick<IncidentStatusChangedV1, 'to' | 'transition' | 'lane' | 'resolution'>;

const LANES: Readonly<Record<LaneName, [string, string]>> = {
  'case-team': ['案件队', 'the case team'],
  community: ['社区警务队', 'the community police team'],
};

const RESOLVED: Readonly<Record<Resolution, [string, string]>> = {
  'resolved-on-site': ['已处理完毕（现场解决）', 'Resolved on site'],
  'referred-to-mediation': ['已转入矛盾纠纷调解', 'Referred to dispute mediation'],
  'referred-to-agency': ['已移交相关部门处理', 'Referred to the responsible agency'],
  unfounded: ['经核查，未发现所报情况', 'Checked: nothing was found as reported'],
};

/** The line for one status change; a transition or status dispatch adds later still gets a plain one. */
export function describeStatusChange(change: Change): UpdateWording {
  const open = (zh: string, en: string): UpdateWording => ({ status: 'open', zh, en });
  switch (change.to) {
    case 'resolved': {
      const [zh, en] = change.resolution ? RESOLVED[change.resolution] : ['已处理完毕', 'Resolved'];
      return { status: 'closed', zh, en };
    }
    case 'triage':
      return open('待勤务指挥室人工分派', 'Waiting for the duty command room to assign it');
    case 'accepted':
      return open('民警已接单', 'Officers have taken the job');
    case 'en-route':
      return open('民警已出发', 'Officers on the way');
    case 'on-scene':
      return open('民警已到场', 'Officers on scene');
    case 'assigned': {
      if (change.transition === 'transferred' && change.lane) {
        const [laneZh, laneEn] = LANES[change.lane];
        return open(`已转交${laneZh}处理`, `Transferred to ${laneEn}`);
      }
      if (change.transition === 'reassigned') return open('已改派其他民警', 'Reassigned to other officers');
      return open('已派警', 'Officers assigned');
    }
    default:
      return open('处理状态已更新', 'Status updated');
  }
}

/** The update's description: the status line in both languages, then the officer's note if any. */
export function updateDescription(zh: string, en: string, note: string | null): string {
  const line = `${zh} / ${en}`;
  return note ? `${line}. 民警备注 / Officer's note: ${note}` : line;
}
