import { LambdaBackend } from "../../constructs/lambda-backend";
import { only, synth } from "../helpers";

const ENTRY = "__tests__/fixtures/apps/hello/index.ts";
const build = (props: Partial<ConstructorParameters<typeof LambdaBackend>[2]>) =>
  synth((s) => new LambdaBackend(s, "fn", { functionName: "my-fn", ...props }));

describe("LambdaBackend with your code (entry)", () => {
  it("bundles the entry and packages the bundle", () => {
    let fn!: LambdaBackend;
    const { json } = synth((s) => (fn = new LambdaBackend(s, "fn", { functionName: "my-fn", entry: ENTRY })));
    expect(fn.bundle?.inputs).toEqual(expect.arrayContaining(["__tests__/fixtures/apps/hello/index.ts", "__tests__/fixtures/apps/hello/greeting.ts"]));
    expect(only(json, "archive_file", "data").body.source_file).toMatch(/^\$\{path\.module\}\/assets\/fn_handler\/[0-9A-F]+\/index\.mjs$/);
  });

  it("needs exactly one of entry and handlerFile", () => {
    expect(() => build({})).toThrow("test/fn: entry or handlerFile: give exactly one (your source to bundle, or a built file)");
    expect(() => build({ entry: ENTRY, handlerFile: ".build/functions/echo/index.mjs" })).toThrow(/entry or handlerFile: give exactly one/);
  });

  it("names a missing entry once, with the folder it was looked for in (cdktf.json's)", () => {
    expect(() => build({ entry: "__tests__/fixtures/apps/nothing-here.ts" })).toThrow(
      `test/fn: entry file "__tests__/fixtures/apps/nothing-here.ts" not found (relative to ${process.cwd()})`,
    );
    expect(() => build({ entry: "__tests__/fixtures/apps" })).toThrow('test/fn: entry "__tests__/fixtures/apps" is a folder; give a file');
  });

  it("checks the function settings before anything reaches AWS", () => {
    const file = { handlerFile: ".build/functions/echo/index.mjs" };
    expect(() => build({ ...file, memorySize: 100 })).toThrow('test/fn: memorySize 100 must be a whole number from 128 to 10240');
    expect(() => build({ ...file, timeout: 0 })).toThrow("test/fn: timeout 0 must be a whole number from 1 to 900");
    expect(() => build({ ...file, runtime: "python3.12" })).toThrow('test/fn: runtime "python3.12" must be a Node.js runtime such as nodejs22.x');
    expect(() => build({ ...file, logRetentionDays: 10 })).toThrow(/test\/fn: logRetentionDays 10 must be one of CloudWatch Logs' retention periods: 1, 3, 5/);
    expect(() => build({ ...file, environment: { AWS_REGION: "x" } })).toThrow('test/fn: environment "AWS_REGION" is reserved by Lambda; choose another name');
    expect(() => build({ ...file, environment: { "my-var": "x" } })).toThrow(/test\/fn: environment "my-var" must be an environment variable name/);
  });

  it("adds environment variables after construction, refusing a name given twice", () => {
    let fn!: LambdaBackend;
    const { json } = synth((s) => {
      fn = new LambdaBackend(s, "fn", { functionName: "my-fn", handlerFile: ".build/functions/echo/index.mjs", environment: { STAGE: "prod" } });
      fn.addEnvironment({ ACCESS_AUD: "aud" });
    });
    expect(only(json, "aws_lambda_function").body.environment).toEqual({ variables: { STAGE: "prod", ACCESS_AUD: "aud" } });
    expect(() => fn.addEnvironment({ STAGE: "dev" })).toThrow('test/fn: environment "STAGE" is set twice');
  });
});
