import { boot, startBackgroundWork } from './boot.ts';
import { parseEnv } from './env.ts';

/** A process that runs only background jobs, for scale-out next to stateless web processes. */
async function main() {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { deps, database } = await boot({ ...env, SEED_DEMO: false });
  deps.log.info({ database: database.kind }, 'worker started');
  const background = await startBackgroundWork(env, deps, database);
  const shutdown = async () => {
    await background.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

await main();
