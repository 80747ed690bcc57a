export function trackSwitch(state: unknown): { variables: Record<string, unknown>; forget: string[]; notes: string[] };
export function trackSwitchCommand(argv: string[], io?: { print?: (line: string) => void; printError?: (line: string) => void; cwd?: string }): number;
