export function clientCertCommand(
  argv: string[],
  io?: { print?: (line: string) => void; printError?: (line: string) => void; cwd?: string },
): number;
