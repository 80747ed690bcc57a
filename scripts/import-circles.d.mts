export declare const DEFAULT_ROOTS: string[];
export declare function importGraph(files: Map<string, string>): Map<string, string[]>;
export declare function findCircles(files: Map<string, string>, limit?: number): string[][];
export declare function projectSources(roots?: string[]): Map<string, string>;
