export function smoke(argv: string[], io?: { print?: (line: string) => void; printError?: (line: string) => void }): Promise<number>;
