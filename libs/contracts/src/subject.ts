/** `<service>.<aggregate>.<fact>.v<N>`: lower-case words (dashes allowed), a positive version. */
export const EVENT_SUBJECT = /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.v([1-9][0-9]*)$/;

export interface SubjectParts {
  service: string;
  aggregate: string;
  fact: string;
  version: number;
}

export function eventSubject(parts: SubjectParts): string {
  const subject = `${parts.service}.${parts.aggregate}.${parts.fact}.v${parts.version}`;
  if (!EVENT_SUBJECT.test(subject)) {
    throw new Error(`"${subject}" is not a valid event subject: expected <service>.<aggregate>.<fact>.v<N> in lower case`);
  }
  return subject;
}

export function parseSubject(subject: string): SubjectParts | null {
  const m = EVENT_SUBJECT.exec(subject);
  return m ? { service: m[1], aggregate: m[2], fact: m[3], version: Number(m[4]) } : null;
}
