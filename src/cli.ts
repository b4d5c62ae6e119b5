import { parseArgs } from 'node:util';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { parseEnv } from './env.ts';
import { randomToken } from './lib/ids.ts';
import { createStaff } from './staff/create-staff.ts';
import { staffRoles } from './staff/tables.ts';
import { unlockStaff } from './staff/unlock-staff.ts';

const usage = `Usage:
  npm run tenpo -- staff create --email EMAIL --role ${staffRoles.join('|')} [--name NAME] [--password PASSWORD]
  npm run tenpo -- staff unlock --email EMAIL
  npm run tenpo -- migrate`;

/** Operator commands: create and unlock staff accounts, run migrations. */
async function main(argv: string[]) {
  const env = parseEnv();
  const [area, action] = argv;
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await migrate(database);
    if (area === 'migrate') return console.log('Migrations are up to date.');
    if (area === 'staff' && action === 'create') {
      const { values } = parseArgs({
        args: argv.slice(2),
        options: {
          email: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string' },
          password: { type: 'string' },
        },
      });
      const role = staffRoles.find((r) => r === values.role);
      if (!values.email?.includes('@') || !role) throw new Error(usage);
      const password = values.password ?? randomToken(12);
      const created = await createStaff(database.db, {
        email: values.email,
        role,
        name: values.name ?? values.email.split('@')[0]!,
        password,
      });
      if (!created) throw new Error(`A staff account for ${values.email} already exists.`);
      console.log(
        `Created ${role} ${created.email}${values.password ? '' : ` with password ${password}`}`,
      );
      return;
    }
    if (area === 'staff' && action === 'unlock') {
      const { values } = parseArgs({ args: argv.slice(2), options: { email: { type: 'string' } } });
      if (!values.email?.includes('@')) throw new Error(usage);
      const unlocked = await unlockStaff(database.db, { email: values.email });
      if (!unlocked) throw new Error(`No staff account has the email ${values.email}.`);
      console.log(`Unlocked ${unlocked.email}; its failed sign-ins are forgotten.`);
      return;
    }
    throw new Error(usage);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
