// What an error knows of the call that failed: where it went, how many attempts it made, and
// for an answer, what came back.

/** Where a failed call was going, and how many attempts it made. */
export interface CallInfo {
  method: string;
  url: string;
  attempts: number;
}

/** What an error answer carries. */
export interface AnswerInfo extends CallInfo {
  status: number;
  body: unknown;
  headers: Headers;
  retryAfterMs?: number | undefined;
}
