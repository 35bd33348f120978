// Pure checks over a user's sign-ins: which ones look like someone else signing in as them.

export type TSignIn = { timestamp: Date; actionType: string; protocol: string; countryCode: string; ipAddress: string };

export type TSignInAnomaly = {
  kind: "newCountry" | "impossibleTravel" | "legacyProtocol" | "failuresThenSuccess";
  description: string;
  isMalicious: boolean;
};

const LEGACY_PROTOCOLS = ["IMAP", "POP3", "SMTP", "Exchange ActiveSync", "Basic"];
const TRAVEL_WINDOW_MS = 2 * 3600_000;
const FAILURE_BURST = 5;

/** `history` is what came before the suspect window (the user's normal); `recent` is the window, oldest first. */
export function signInAnomalies(history: TSignIn[], recent: TSignIn[]): TSignInAnomaly[] {
  const anomalies: TSignInAnomaly[] = [];
  const usual = new Set(
    history.filter((signIn) => signIn.actionType === "LogonSuccess").map((signIn) => signIn.countryCode),
  );
  const successes = recent.filter((signIn) => signIn.actionType === "LogonSuccess");

  const newCountries = [...new Set(successes.map((signIn) => signIn.countryCode))].filter(
    (country) => usual.size > 0 && !usual.has(country),
  );
  for (const country of newCountries) {
    const first = successes.find((signIn) => signIn.countryCode === country)!;
    anomalies.push({
      kind: "newCountry",
      description: `Sign-in from ${country} (${first.ipAddress}), a country not seen in the previous 30 days`,
      isMalicious: true,
    });
  }
  for (let index = 1; index < successes.length; index++) {
    const [before, after] = [successes[index - 1], successes[index]];
    if (
      before.countryCode !== after.countryCode &&
      after.timestamp.getTime() - before.timestamp.getTime() < TRAVEL_WINDOW_MS
    ) {
      anomalies.push({
        kind: "impossibleTravel",
        description: `Signed in from ${before.countryCode} and ${after.countryCode} within two hours`,
        isMalicious: true,
      });
      break;
    }
  }
  const legacy = [
    ...new Set(
      successes.filter((signIn) => LEGACY_PROTOCOLS.includes(signIn.protocol)).map((signIn) => signIn.protocol),
    ),
  ];
  if (legacy.length)
    anomalies.push({
      kind: "legacyProtocol",
      description: `Signed in over legacy protocols: ${legacy.join(", ")}`,
      isMalicious: false,
    });

  let failures = 0;
  for (const signIn of recent) {
    if (signIn.actionType === "LogonFailed") failures++;
    else if (failures >= FAILURE_BURST) {
      anomalies.push({
        kind: "failuresThenSuccess",
        description: `${failures} failed sign-ins, then a success from ${signIn.ipAddress}`,
        isMalicious: true,
      });
      break;
    } else failures = 0;
  }
  return anomalies;
}
