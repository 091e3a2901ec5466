import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack refuses to replay anything older than five minutes; so does Keel. */
export const SLACK_TOLERANCE_SECONDS = 300;

/** Slack's v0 signature: HMAC-SHA256 of "v0:<timestamp>:<raw body>" with the app's signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Whether a request really comes from Slack, recently: checked before anything in it is read. */
export function isFromSlack(signingSecret: string, timestamp: string | null, signature: string | null, body: string, now: Date = new Date()): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
