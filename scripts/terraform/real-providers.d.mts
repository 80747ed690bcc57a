import type { ChildProcess } from "node:child_process";
export interface RealProvider { source: string; version: string; dir?: string; zip?: string }
export interface Reattach { Protocol: string; ProtocolVersion: number; Pid: number; Test: boolean; Addr: { Network: string; String: string } }
export interface Chosen { source: string; version: string; constraints: string[]; provider: RealProvider }
export const REQUIRED_UNDER_CI: { source: string; constraint: string }[];
export function findRealProviders(root: string, target?: string): RealProvider[];
export function chooseRealProviders(found: RealProvider[], wanted: Map<string, Set<string>>, required?: { source: string; constraint: string }[], options?: { explicit?: boolean }): { chosen: Chosen[]; problems: string[]; unused: string[] };
export function realProviderVerdict(problems: string[], options: { ci: boolean; mirrors: string[] }): { fail: boolean; message: string };
export function zipEntries(file: string): { name: string; method: number; compressedSize: number; size: number; headerOffset: number; dataOffset: number }[];
export function unpackProvider(zip: string, dir: string): Promise<string>;
export function startRealProvider(provider: { source: string; version: string; dir: string }, socketDir: string, timeoutMs?: number): Promise<{ reattach: Reattach; child: ChildProcess } | { problem: string }>;
export function startRealProviders(chosen: Chosen[], options: { buildDir: string }): Promise<{ started: (Chosen & { reattach: Reattach; from: string })[]; problems: string[]; stop(): void }>;
