import { INCIDENT_STATUSES, RESOLUTIONS } from '@jingwang/contracts';
import { describeStatusChange, updateDescription } from './status-change.wording.ts';

const change = (to: (typeof INCIDENT_STATUSES)[number], transition = to as string, more: { resolution?: (typeof RESOLUTIONS)[number]; lane?: 'case-team' | 'community' } = {}) => ({
  to,
  transition,
  lane: more.lane ?? 'community',
  resolution: more.resolution,
});

describe('describeStatusChange', () => {
  it('says each step in Chinese and English, open until resolved', () => {
    expect(describeStatusChange(change('assigned', 'triaged'))).toEqual({ status: 'open', zh: '已派警', en: 'Officers assigned' });
    expect(describeStatusChange(change('accepted'))).toEqual({ status: 'open', zh: '民警已接单', en: 'Officers have taken the job' });
    expect(describeStatusChange(change('en-route'))).toEqual({ status: 'open', zh: '民警已出发', en: 'Officers on the way' });
    expect(describeStatusChange(change('on-scene'))).toEqual({ status: 'open', zh: '民警已到场', en: 'Officers on scene' });
    expect(describeStatusChange(change('triage', 'reassigned'))).toMatchObject({ status: 'open', en: 'Waiting for the duty command room to assign it' });
  });

  it('names the team a transfer went to, and a reassignment', () => {
    expect(describeStatusChange(change('assigned', 'transferred', { lane: 'case-team' }))).toEqual({ status: 'open', zh: '已转交案件队处理', en: 'Transferred to the case team' });
    expect(describeStatusChange(change('assigned', 'transferred'))).toMatchObject({ zh: '已转交社区警务队处理' });
    expect(describeStatusChange(change('assigned', 'reassigned'))).toEqual({ status: 'open', zh: '已改派其他民警', en: 'Reassigned to other officers' });
  });

  it('closes with how it was resolved, for every resolution', () => {
    expect(describeStatusChange(change('resolved', 'resolved', { resolution: 'resolved-on-site' }))).toEqual({ status: 'closed', zh: '已处理完毕（现场解决）', en: 'Resolved on site' });
    expect(describeStatusChange(change('resolved'))).toEqual({ status: 'closed', zh: '已处理完毕', en: 'Resolved' });
    for (const resolution of RESOLUTIONS) {
      const w = describeStatusChange(change('resolved', 'resolved', { resolution }));
      expect(w.status).toBe('closed');
      expect(w.zh).toMatch(/\p{Script=Han}/u);
      expect(w.en).toMatch(/^[A-Z]/);
    }
  });

  it('has a line for every status dispatch has', () => {
    for (const to of INCIDENT_STATUSES) expect(describeStatusChange(change(to)).zh).not.toBe('');
  });
});

describe('updateDescription', () => {
  it("adds the officer's note when there is one", () => {
    expect(updateDescription('民警已出发', 'Officers on the way', null)).toBe('民警已出发 / Officers on the way');
    expect(updateDescription('民警已出发', 'Officers on the way', '预计5分钟到达')).toBe("民警已出发 / Officers on the way. 民警备注 / Officer's note: 预计5分钟到达");
  });
});
