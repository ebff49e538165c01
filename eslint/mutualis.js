// The project's own lint rules: module boundaries and commune isolation, checked on every change.
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const modulesDir = path.join(root, 'src/server/modules');
const serverDir = path.join(root, 'src/server');
const webDir = path.join(root, 'web/src');

/** The module folder a path lies in (`tickets` for src/server/modules/tickets/…), or null. */
function moduleOf(file) {
  const rel = path.relative(modulesDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const [name, ...rest] = rel.split(path.sep);
  return rest.length ? { name, rest: rest.join('/') } : null;
}

/**
 * A module is entered through its index.ts only: from outside src/server/modules/<m>/, an import
 * may name `…/modules/<m>` (its index) but not `…/modules/<m>/repo`. The web app imports the
 * shared types (src/shared), never the server.
 */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enter a server module through its index.ts; the web app never imports src/server' },
    messages: {
      internal:
        "Import '{{spec}}' reaches inside module '{{module}}': import from its index ('{{index}}') and export what you need there.",
      web: "The web app imports API types from src/shared, never from src/server ('{{spec}}').",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = moduleOf(file);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      if (file.startsWith(webDir + path.sep)) {
        if (target === serverDir || target.startsWith(serverDir + path.sep)) {
          context.report({ node, messageId: 'web', data: { spec } });
        }
        return;
      }
      const to = moduleOf(target + '.ts') ?? moduleOf(target);
      if (!to || (from && from.name === to.name)) return;
      const rest = to.rest.replace(/\.ts$/, '');
      if (rest === 'index' || rest === '') return;
      const index = path.relative(path.dirname(file), path.join(modulesDir, to.name)).split(path.sep).join('/');
      context.report({
        node,
        messageId: 'internal',
        data: { spec, module: to.name, index: index.startsWith('.') ? index : `./${index}` },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

const queryMethods = new Set(['selectFrom', 'updateTable', 'deleteFrom']);

/** True when a TypeScript type is (or is a union of) Kysely's raw database handles. */
function isRawExecutor(type) {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => {
    const name = (t.getSymbol() ?? t.aliasSymbol)?.getName();
    return name === 'Kysely' || name === 'Transaction';
  });
}

/** True when the expression is `unscoped(…)`, or a variable initialised with it. */
function isUnscopedCall(node, context) {
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'unscoped')
    return true;
  if (node.type !== 'Identifier') return false;
  let scope = context.sourceCode.getScope(node);
  while (scope) {
    const v = scope.set.get(node.name);
    if (v) {
      const def = v.defs[0];
      return Boolean(
        def && def.node.type === 'VariableDeclarator' && def.node.init && isUnscopedCall(def.node.init, context),
      );
    }
    scope = scope.upper;
  }
  return false;
}

/**
 * Commune isolation you can check: a query on a tenant table goes through `scoped(db, actor)`, a
 * repository (where this rule is off), or `unscoped(db, 'why')`, which names the exception.
 */
const noRawTenantQuery = {
  meta: {
    type: 'problem',
    docs: { description: 'Query tenant tables through scoped(db, actor), a repository, or unscoped(db, reason)' },
    messages: {
      raw: "Raw '{{method}}' on tenant table '{{table}}': go through scoped(db, actor), a repository function, or name the exception with unscoped(db, 'why').",
    },
    schema: [
      {
        type: 'object',
        properties: { tables: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const tables = new Set(context.options[0]?.tables ?? []);
    const services = context.sourceCode.parserServices;
    if (!services?.program)
      throw new Error('mutualis/no-raw-tenant-query needs type information (parserOptions.projectService)');
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        if (!queryMethods.has(callee.property.name)) return;
        const arg = node.arguments[0];
        if (!arg || arg.type !== 'Literal' || typeof arg.value !== 'string') return;
        const table = arg.value.trim().split(/\s+/)[0];
        if (!tables.has(table)) return;
        if (isUnscopedCall(callee.object, context)) return;
        if (!isRawExecutor(services.getTypeAtLocation(callee.object))) return;
        context.report({ node: callee.property, messageId: 'raw', data: { method: callee.property.name, table } });
      },
    };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries, 'no-raw-tenant-query': noRawTenantQuery } };
