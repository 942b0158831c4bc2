/**
 * Queries on the ingest hot path, built and compiled by Kysely once per dialect and then run with fresh
 * parameters: at 500 reports a second, compiling ~10 queries per report cost more than running them
 * (decision 005). The query is still written once, in Kysely, for both dialects.
 */
import type { Compilable, CompiledQuery as CompiledQueryOf, Kysely, QueryResult } from 'kysely';
import { CompiledQuery } from './kysely.ts';
import type { Database } from './schema.ts';

/** Stand-in values, recognisable in the compiled parameters. */
const marker = (i: number) => `\u0000xxgk-param-${i}\u0000`;

interface Compiled {
  sql: string;
  /** For each parameter of the compiled query, the index of the argument it takes, or a constant (`limit 1`). */
  order: (number | { constant: unknown })[];
}

export class PreparedQuery<A extends unknown[], R> {
  /** One compiled form per dialect (the adapter object is one per dialect instance). */
  private readonly cache = new WeakMap<object, Compiled>();

  /** `build` receives stand-ins for the arguments and returns the query they appear in. */
  constructor(private readonly build: (db: Kysely<Database>, ...args: A) => Compilable<R>) {}

  private compiled(db: Kysely<Database>, arity: number): Compiled {
    const dialect = db.getExecutor().adapter;
    let entry = this.cache.get(dialect);
    if (!entry) {
      const stand = Array.from({ length: arity }, (_, i) => marker(i)) as A;
      const q = this.build(db, ...stand).compile();
      const order = q.parameters.map((p) => {
        const at = stand.indexOf(p as never);
        return at >= 0 ? at : { constant: p };
      });
      entry = { sql: q.sql, order };
      this.cache.set(dialect, entry);
    }
    return entry;
  }

  run(db: Kysely<Database>, ...args: A): Promise<QueryResult<R>> {
    const { sql, order } = this.compiled(db, args.length);
    const parameters = order.map((i) => (typeof i === 'number' ? args[i] : i.constant));
    return db.executeQuery<R>(CompiledQuery.raw(sql, parameters) as CompiledQueryOf<R>);
  }
}
