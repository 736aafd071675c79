import { assertEquals } from "./support/assert.ts";
import { VERSION } from "../src/version.ts";

Deno.test("the program's version is deno.json's version", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  assertEquals(VERSION, config.version);
});
