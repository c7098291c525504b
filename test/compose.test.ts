/**
 * There is no Docker engine on our machines, so docker-compose.yml and the Dockerfile are checked
 * by reading them: every subgraph and the gateway are services with the ports, health checks,
 * start order and variables the code actually uses; only the gateway is published; the image is
 * built in two stages and runs as a non-root user with a health check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SUBGRAPH_PORTS, ENVIRONMENT_VARIABLES, loadConfig, type SubgraphName } from '../lib/config';
import { SUBGRAPHS } from '../subgraphs/registry';

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  networks?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const ROOT = path.join(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean } | null>;
};
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const subgraphs = Object.keys(SUBGRAPHS) as SubgraphName[];

test.each(subgraphs)('the %s subgraph is a service on its port, started by an existing script, healthy before the gateway', (name) => {
  const service = compose.services[name];
  const port = DEFAULT_SUBGRAPH_PORTS[name];
  expect(service).toBeDefined();
  expect(service.expose).toContain(String(port));
  expect(service.environment?.[`${name.toUpperCase()}_PORT`]).toBe(String(port));
  const script = service.command?.at(-1) as string;
  expect(packageJson.scripts[script]).toContain(`subgraphs/${name}/index.ts`);
  expect(service.healthcheck?.test.join(' ')).toContain(`localhost:${port}/health`);
  expect(service.depends_on?.postgres.condition).toBe('service_healthy');
  expect(compose.services.gateway.depends_on?.[name]?.condition).toBe('service_healthy');
  expect(compose.services.gateway.environment?.[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
});

test('the gateway service runs npm run gateway on 4000 with a health check', () => {
  const gateway = compose.services.gateway;
  expect(gateway.command).toEqual(['npm', 'run', 'gateway']);
  expect(gateway.ports).toContain('4000:4000');
  expect(gateway.healthcheck?.test.join(' ')).toContain('localhost:4000/health');
});

test('only the gateway publishes a port; the subgraphs and PostgreSQL are on the internal network alone', () => {
  const internal = Object.entries(compose.networks)
    .filter(([, network]) => network?.internal === true)
    .map(([name]) => name);
  expect(internal).toHaveLength(1);
  for (const [name, service] of Object.entries(compose.services)) {
    if (name === 'gateway') continue;
    expect({ name, ports: service.ports, networks: service.networks }).toEqual({ name, ports: undefined, networks: internal });
  }
  const gateway = compose.services.gateway;
  expect(gateway.ports).toEqual(['4000:4000']);
  expect(gateway.networks).toContain(internal[0]);
  // …and one network that is not internal, for its published port.
  expect(gateway.networks?.some((network) => compose.networks[network]?.internal !== true)).toBe(true);
});

describe('the Dockerfile', () => {
  const lines = fs
    .readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  /** Each stage's instructions, from its FROM; the last stage is the image that runs. */
  const stages: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('FROM ')) stages.push([]);
    stages.at(-1)?.push(line);
  }
  const runtime = stages.at(-1) ?? [];

  test('builds with every dependency, then runs on production dependencies and the built pages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((stage) => stage.includes('RUN npm run build'));
    expect(build).toBeDefined();
    expect(build).toContain('RUN npm ci --no-audit --no-fund');
    expect(runtime.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    expect(runtime.some((line) => /^COPY --from=\S+ \/app\/dist\/web \.\/dist\/web$/.test(line))).toBe(true);
    expect(runtime).toContain('ENV NODE_ENV=production HOST=0.0.0.0');
    expect(packageJson.scripts.build).toBeDefined();
  });

  test('runs as a non-root user', () => {
    const user = runtime.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
  });

  test('has a health check on the gateway', () => {
    const healthcheck = runtime.find((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toMatch(/CMD .*\/health/);
  });
});

test('every variable the compose file sets is one the code reads, and its values load', () => {
  for (const [name, service] of Object.entries(compose.services)) {
    if (name === 'postgres') continue;
    const env = service.environment ?? {};
    for (const key of Object.keys(env)) expect(ENVIRONMENT_VARIABLES).toContain(key);
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
    expect(() => loadConfig(resolved)).not.toThrow();
    expect(loadConfig(resolved).databaseUrl).toMatch(/^postgres:\/\/.+@postgres:5432\//);
  }
});

test('ENVIRONMENT_VARIABLES names every variable lib/config.ts reads', () => {
  const source = fs.readFileSync(path.join(ROOT, 'lib/config.ts'), 'utf8');
  const read = [...source.matchAll(/env\.([A-Z_]+)|(?:intFrom|boolFrom)\(env, '([A-Z_]+)'/g)].map((m) => m[1] ?? m[2]);
  expect(read.length).toBeGreaterThan(10);
  for (const name of read) expect(ENVIRONMENT_VARIABLES).toContain(name);
});
