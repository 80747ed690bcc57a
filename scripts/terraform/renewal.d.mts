export interface RenewalSubject {
  readonly certificate: string;
  readonly issuer: string;
}
export function renewalSubject(config: object): RenewalSubject | undefined;
export function writeRenewalTest(dir: string, mainTestFile: string, subject: RenewalSubject): void;
export const RENEWAL_TEST_ARGS: string[];
export function renewalProblems(output: string, subject: RenewalSubject): string[];
export function checkRenewal(
  config: object,
  dir: string,
  terraform: (argv: string[]) => Promise<{ code: number | null; out: string }>,
  synthDir?: string,
  testFileOf?: (variant: string) => string,
): Promise<{ ok: boolean; detail: string; what: string }[]>;
export const ROTATION_STEPS: { name: string; variant: string; expect: Record<string, string> }[];
export const ROTATION_START: string;
export function rotationProblems(output: string, steps?: typeof ROTATION_STEPS): string[];
