import { describe, expect, it } from "vitest";
import { ConfigError, configFromEnv, envWithArguments } from "./config.js";

describe("the demo council setting (docs/decisions/0314-demo-as-any-council.md)", () => {
  it("without one, the demo is Exampleton in .data/pglite, as before", () => {
    const config = configFromEnv({});
    expect(config.demoCouncil).toBeNull();
    expect(config.database.dataDir).toBe(".data/pglite");
  });

  it("a packaged council gets its own embedded data folder, so two demos never share a database", () => {
    expect(configFromEnv({ DEMO_COUNCIL: "leeds" })).toMatchObject({ demoCouncil: "leeds", database: { dataDir: ".data/pglite-leeds" } });
    expect(configFromEnv({ DEMO_COUNCIL: "leeds", DATA_DIR: "/tmp/demo-leeds" }).database.dataDir).toBe("/tmp/demo-leeds");
  });

  it("an unknown council stops the start, naming the councils there are", () => {
    expect(() => configFromEnv({ DEMO_COUNCIL: "camden" })).toThrow(ConfigError);
    expect(() => configFromEnv({ DEMO_COUNCIL: "camden" })).toThrow(/DEMO_COUNCIL: "camden" is not a packaged council; choose one of: default, leeds, lewisham, southwark, lancaster/);
  });

  it("`npm start -- --council <id>` is the same setting; any other argument gets the usage", () => {
    expect(envWithArguments(["--council", "lewisham"], {})).toEqual({ DEMO_COUNCIL: "lewisham" });
    expect(envWithArguments(["--council=southwark"], { PORT: "4000" })).toEqual({ PORT: "4000", DEMO_COUNCIL: "southwark" });
    expect(envWithArguments([], { PORT: "4000" })).toEqual({ PORT: "4000" });
    expect(() => envWithArguments(["--council"], {})).toThrow(/--council needs a council's id; usage: npm start -- --council <default\|leeds\|lewisham\|southwark\|lancaster>/);
    expect(() => envWithArguments(["--counci", "leeds"], {})).toThrow(/Unknown argument "--counci"/);
  });
});
