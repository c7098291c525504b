/**
 * The schema files stay true: the committed supergraph composes from the subgraph schemas and
 * is current, every field carries a role directive, the directive is the same everywhere, and
 * the generated TypeScript matches the schemas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Kind, parse, print, type DirectiveDefinitionNode } from 'graphql';
import { authPolicyFromSdl } from '../lib/authDirective';
import { API_SCHEMA_FILE, composeSupergraph, presentSubgraphs, subgraphSchemaFile, SUPERGRAPH_FILE } from '../scripts/compose';
import { API_DOC_FILE, generateDocs, README_FILE } from '../scripts/docs';

const ROOT = path.join(__dirname, '..');

test('schema/supergraph.graphql and schema/api.graphql are composed from the current subgraphs (npm run compose)', () => {
  const { supergraphSdl, apiSdl } = composeSupergraph();
  expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(supergraphSdl);
  expect(fs.readFileSync(API_SCHEMA_FILE, 'utf8')).toBe(apiSdl);
});

test.each(presentSubgraphs())('every field of the %s subgraph carries @auth (its own or its type’s)', (name) => {
  const document = parse(fs.readFileSync(subgraphSchemaFile(name), 'utf8'));
  const policy = authPolicyFromSdl(document);
  const uncovered: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      if (!policy.ruleFor(definition.name.value, field.name.value)) uncovered.push(`${definition.name.value}.${field.name.value}`);
    }
  }
  expect(uncovered).toEqual([]);
});

test('the supergraph keeps every @auth of the subgraphs', () => {
  const supergraph = authPolicyFromSdl(parse(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')));
  for (const name of presentSubgraphs()) {
    const document = parse(fs.readFileSync(subgraphSchemaFile(name), 'utf8'));
    const policy = authPolicyFromSdl(document);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      for (const field of definition.fields ?? []) {
        expect(supergraph.ruleFor(definition.name.value, field.name.value)).toEqual(policy.ruleFor(definition.name.value, field.name.value));
      }
    }
  }
});

test('every subgraph declares the same @auth directive', () => {
  const declarations = presentSubgraphs().map((name) => {
    const document = parse(fs.readFileSync(subgraphSchemaFile(name), 'utf8'), { noLocation: true });
    const directive = document.definitions.find((d): d is DirectiveDefinitionNode => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'auth');
    expect(directive).toBeDefined();
    return print({ ...directive!, description: undefined });
  });
  expect(new Set(declarations).size).toBe(1);
});

test('generated code is current (npm run codegen)', () => {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.yml', '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  expect(run.stdout + run.stderr).not.toMatch(/stale files/);
  expect(run.status).toBe(0);
}, 60_000);

test('docs/api.md and the README role table are generated from the current schema (npm run docs)', () => {
  const { apiDoc, readme } = generateDocs();
  expect(fs.readFileSync(API_DOC_FILE, 'utf8')).toBe(apiDoc);
  expect(fs.readFileSync(README_FILE, 'utf8')).toBe(readme);
  // The table says what the directives say, e.g. for the contract's examples.
  expect(readme).toMatch(/\| `users` \| query \| ADMIN \|/);
  expect(readme).toMatch(/\| `login` \| mutation \| anyone \|/);
  expect(readme).toMatch(/\| `user` \| query \| ADMIN, or the user whose id is `id` \|/);
});

test('no file of the repository points outside it', () => {
  const run = spawnSync('git', ['grep', '-l', '-e', '\\.\\./shared', '--', '.', ':!package-lock.json'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stdout.trim()).toBe('');
});
