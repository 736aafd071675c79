/**
 * The config file read with the real TOML parser: instances, groups, labels, settings, and each kind of
 * mistake named with its file and line.
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { ConfigError, configFrom, select } from "../../src/cli/config.ts";
import { loadToml } from "../../deps.ts";

const { parse } = await loadToml();
const read = (text: string) => configFrom(text, "/etc/x/config.toml", parse);

const GOOD = `# the team's load balancers
default = "prod"

[instances.lb1]
address = "ssh://admin@lb1.example.net/run/haproxy/admin.sock"
label = "lb1 (eu-west)"
interval = 2

[instances.lb2]
address = "ssh://lb2.example.net:2222/run/haproxy/admin.sock"
label = "lb2 (eu-east)"
interval = 2
read-only = true

[instances."local"]
address = "/run/haproxy/admin.sock"
mode = 2

[instances.edge]
address = "ipv4@10.0.0.5:9999"

[groups]
prod = ["lb1", "lb2"]
all = ["lb1", "lb2", "local", "edge"]
`;

Deno.test("instances, groups and the default are read with their addresses, labels and settings", () => {
  const config = read(GOOD);
  assertEquals(config.default, "prod");
  assertEquals([...config.instances.keys()], ["lb1", "lb2", "local", "edge"]);
  assertEquals(config.instances.get("lb1"), {
    name: "lb1",
    address: { transport: "ssh", user: "admin", host: "lb1.example.net", path: "/run/haproxy/admin.sock" },
    label: "lb1 (eu-west)",
    interval: 2,
  });
  assertEquals(config.instances.get("local")?.address, {
    transport: "unix",
    path: "/run/haproxy/admin.sock",
  });
  assertEquals(config.instances.get("local")?.mode, 2);
  assertEquals(config.instances.get("edge")?.address, { transport: "tcp", hostname: "10.0.0.5", port: 9999 });
  assertEquals(config.groups.get("all"), ["lb1", "lb2", "local", "edge"]);
});

Deno.test("a selection: groups expanded once each, read-only if any is, settings only where all agree", () => {
  const config = read(GOOD);
  const prod = select(config, ["@prod"]);
  if (typeof prod === "string") throw new Error(prod);
  assertEquals(prod.instances.map((i) => i.name), ["lb1", "lb2"]);
  assertEquals([prod.readOnly, prod.interval, prod.mode], [true, 2, undefined]);
  const one = select(config, ["@local"]);
  if (typeof one === "string") throw new Error(one);
  assertEquals([one.instances.map((i) => i.name), one.readOnly, one.mode], [["local"], false, 2]);
  const mixed = select(config, ["@lb1", "@all"]);
  if (typeof mixed === "string") throw new Error(mixed);
  assertEquals(mixed.instances.map((i) => i.name), ["lb1", "lb2", "local", "edge"]);
  assertEquals([mixed.interval, mixed.mode], [undefined, undefined]);
  assertEquals(
    select(config, ["@prod", "@nope", "@lb9"]),
    "@nope, @lb9: not defined in /etc/x/config.toml (instances: @lb1, @lb2, @local, @edge; groups: @prod, @all)",
  );
});

Deno.test("an empty file defines nothing", () => {
  const config = read("# nothing yet\n");
  assertEquals([config.instances.size, config.groups.size, config.default], [0, 0, undefined]);
  assertEquals(
    select(config, ["@a"]),
    "@a: not defined in /etc/x/config.toml (instances: none; groups: none)",
  );
});

Deno.test("each mistake is named with its line", () => {
  const cases: [string, string][] = [
    ["[instances.a]\naddress = \n", "2: invalid value (column 11)"],
    ['[instances.a]\naddress = "/x"\n[instances.a]\n', "3: "],
    ['colour = "red"\n', '1: unknown key "colour" (one of: default, instances, groups)'],
    ['[instances.a]\nlabel = "A"\n', "1: instance a has no address"],
    ['[instances.a]\naddress = "/x"\nport = 1\n', '3: instance a: unknown key "port"'],
    ["\n[instances.a]\naddress = 5\n", "3: instance a: address must be a string"],
    [
      '[instances.a]\naddress = "ssh://h"\n',
      '2: instance a: invalid address "ssh://h": the socket path is missing',
    ],
    ['[instances.a]\naddress = "h:99999"\n', "2: instance a: invalid"],
    ['[instances.a]\naddress = "/x"\n\nmode = 7\n', "4: instance a: mode must be 1-5"],
    ['[instances.a]\naddress = "/x"\ninterval = 0\n', "3: instance a: interval must be 1-30 seconds"],
    ['[instances.a]\naddress = "/x"\nread-only = "yes"\n', "3: instance a: read-only must be true or false"],
    ['[instances.a]\naddress = "/x"\nread-only = true\nmode = 5\n', "4: instance a: mode 5 (the cli)"],
    ['[instances.a]\naddress = "/x"\nlabel = ""\n', "3: instance a: label must be a non-empty string"],
    ['[instances.a]\naddress = "/x"\n[groups]\nprod = ["a", "b"]\n', "4: group prod: no instance named b"],
    [
      '[instances.a]\naddress = "/x"\n[groups]\nprod = "a"\n',
      "4: group prod must be a list of instance names",
    ],
    ['[instances.a]\naddress = "/x"\n[groups]\na = ["a"]\n', '4: "a" is both an instance and a group'],
    ['default = "b"\n[instances.a]\naddress = "/x"\n', "1: default: no instance or group named b"],
    ['[instances."a b"]\naddress = "/x"\n', '1: instance name "a b"'],
    ["instances = 3\n", "1: instances must be a table"],
    ['[instances]\na = { address = "/x", mode = 9 }\n', "2: instance a: mode must be 1-5"],
  ];
  const wrong: string[] = [];
  for (const [text, expected] of cases) {
    let error: unknown;
    try {
      read(text);
    } catch (e) {
      error = e;
    }
    assert(error instanceof ConfigError, `${JSON.stringify(text)} is refused: ${error}`);
    const message = error.message.replace("/etc/x/config.toml:", "");
    if (message.slice(0, expected.length) !== expected) wrong.push(`${JSON.stringify(text)}: ${message}`);
  }
  assertEquals(wrong, []);
});
