/**
 * There is no Docker engine on our machines, so docker-compose.yml is checked by reading it:
 * every subgraph and the gateway are services with the ports, health checks, start order and
 * variables the code actually uses.
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
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const ROOT = path.join(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const subgraphs = Object.keys(SUBGRAPHS) as SubgraphName[];

test.each(subgraphs)('the %s subgraph is a service on its port, started by an existing script, healthy before the gateway', (name) => {
  const service = compose.services[name];
  const port = DEFAULT_SUBGRAPH_PORTS[name];
  expect(service).toBeDefined();
  expect(service.ports).toContain(`${port}:${port}`);
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
