import type { Logger } from 'drizzle-orm/logger';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Member } from '../accounts/tables.ts';
import { createApp } from '../app.tsx';
import type { Database } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { createStaff } from '../staff/create-staff.ts';
import type { Staff, StaffRole } from '../staff/tables.ts';
import type { AppDeps } from '../web/context.ts';
import { createTestDatabase, type DatabaseKind } from './databases.ts';
import { makeMember, testClock, testDeps } from './factories.ts';
import { formClient, testAppDeps } from './http-client.ts';
import { testMailer } from './mailer.ts';

/** The password `makeMember` gives a member unless told otherwise. */
export const MEMBER_PASSWORD = 'correct horse battery';
/** The password of every staff account `signedInStaff` creates. */
export const STAFF_PASSWORD = 'staff password 123';

export type App = ReturnType<typeof createApp>;
export type FormClient = ReturnType<typeof formClient>;
export type TestMailer = Awaited<ReturnType<typeof testMailer>>;

export interface TestWorldOptions {
  /** The clock of deps, app and mailer; a fresh `testClock()` unless given. */
  clock?: Clock;
  /** Changes to the app's dependencies (env, dns, secret, fetch…); a function sees the world. */
  appDeps?:
    | Partial<AppDeps>
    | ((world: { database: Database; deps: TestDeps }) => Partial<AppDeps>);
  /** A mailer on the embedded SMTP catcher; an object changes its settings (see testMailer). */
  mailer?: boolean | Parameters<typeof testMailer>[2];
  /** Connections of the PostgreSQL pool (tests that race many transactions want more). */
  poolSize?: number;
  /** Sees every statement Drizzle sends. */
  logger?: Logger;
}

type TestDeps = ReturnType<typeof testDeps>;

/** A form client signed in through the member sign-in form; fails the test unless it worked. */
export async function signInMember(
  app: App,
  login: string,
  password = MEMBER_PASSWORD,
): Promise<FormClient> {
  const browser = formClient(app);
  await browser.get('/account/sign-in');
  const res = await browser.post('/account/sign-in', { login, password });
  expect(res.location, `member sign-in as ${login}`).toBe('/mypage');
  return browser;
}

/** A form client signed in through the staff sign-in form; fails the test unless it worked. */
export async function signInStaff(
  app: App,
  email: string,
  password = STAFF_PASSWORD,
): Promise<FormClient> {
  const browser = formClient(app);
  await browser.get('/admin/sign-in');
  const res = await browser.post('/admin/sign-in', { email, password });
  expect(res.location, `staff sign-in as ${email}`).toBe('/admin');
  return browser;
}

/**
 * Stands in for a part that beforeAll builds, so a suite can destructure the world where it is
 * declared; reading it before beforeAll has run throws.
 */
export function builtLater<T extends object>(name: string): { part: T; set(value: T): void } {
  let value: T | undefined;
  const real = (): T => {
    if (value === undefined) {
      throw new Error(`the test world's ${name} is built in beforeAll: use it in hooks and tests`);
    }
    return value;
  };
  const part = new Proxy({} as T, {
    get: (_, key) => {
      const target = real();
      const found = Reflect.get(target, key, target);
      return typeof found === 'function' ? found.bind(target) : found;
    },
    set: (_, key, next) => Reflect.set(real(), key, next),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  return { part, set: (built) => (value = built) };
}

/**
 * The shared setup of a test file, inside a `describeEachDatabase` block: registers beforeAll
 * (a fresh migrated database, deps, app deps, the app, and a mailer when asked) and afterAll
 * (closes them), and hands back the parts, ready from beforeAll on, with signed-in clients.
 *
 *   const { database, deps, app, signedInMember } = useTestWorld(kind, { mailer: true });
 */
export function useTestWorld(kind: DatabaseKind, options: TestWorldOptions = {}) {
  const clock = options.clock ?? testClock();
  const database = builtLater<Database & { url?: string }>('database');
  const deps = builtLater<TestDeps>('deps');
  const appDeps = builtLater<AppDeps>('appDeps');
  const app = builtLater<App>('app');
  const mailer = builtLater<TestMailer>(
    options.mailer ? 'mailer' : 'mailer (pass { mailer: true } to have one)',
  );
  let closeDatabase: (() => Promise<void>) | undefined;
  let closeMailer: (() => Promise<void>) | undefined;
  let staffCount = 0;

  beforeAll(async () => {
    const opened = await createTestDatabase(kind, options.poolSize, { logger: options.logger });
    closeDatabase = opened.close;
    database.set(opened);
    const built = testDeps(opened.db, clock);
    deps.set(built);
    const forApp = testAppDeps(opened.db, { clock, payments: built.payments, ...options.appDeps });
    appDeps.set(forApp);
    app.set(createApp(forApp));
    if (options.mailer) {
      const overrides = options.mailer === true ? {} : options.mailer;
      const started = await testMailer(opened, clock, overrides);
      closeMailer = started.close;
      mailer.set(started);
    }
  });
  afterAll(async () => {
    await closeMailer?.();
    await closeDatabase?.();
  });

  return {
    clock,
    database: database.part,
    deps: deps.part,
    appDeps: appDeps.part,
    app: app.part,
    mailer: mailer.part,

    /**
     * Another app on the same database with a clock of its own, `hoursAhead` past the test clock's
     * start, so a test that counts rate limits starts in windows no other test has touched.
     */
    appWithOwnClock(hoursAhead: number) {
      const ownClock = testClock();
      ownClock.advance(hoursAhead * 3600_000);
      const ownDeps = testDeps(database.part.db, ownClock);
      const ownApp = createApp(
        testAppDeps(database.part.db, { clock: ownClock, payments: ownDeps.payments }),
      );
      return { clock: ownClock, deps: ownDeps, app: ownApp };
    },

    /** A client signed in as `member` (a new one made with `password` unless given). */
    async signedInMember(
      given: {
        member?: Member;
        password?: string;
        /** What goes in the login field: the member's email (default) or member ID. */
        login?: 'email' | 'memberCode';
        /** Another app on the same database (a different clock or settings). */
        app?: App;
      } = {},
    ): Promise<{ member: Member; browser: FormClient }> {
      const password = given.password ?? MEMBER_PASSWORD;
      const member = given.member ?? (await makeMember(database.part.db, { password }));
      const login = given.login === 'memberCode' ? member.memberCode : member.email;
      return { member, browser: await signInMember(given.app ?? app.part, login, password) };
    },

    /** A new staff account with `role`, and a client signed in as it. */
    async signedInStaff(
      role: StaffRole,
      given: { app?: App; name?: string; email?: string } = {},
    ): Promise<{ staff: Staff; email: string; browser: FormClient }> {
      staffCount += 1;
      const email = given.email ?? `${role}${staffCount}@tenpo.test`;
      const staff = await createStaff(database.part.db, {
        email,
        name: given.name ?? role,
        role,
        password: STAFF_PASSWORD,
      });
      if (!staff) throw new Error(`staff ${email} already exists`);
      return { staff, email, browser: await signInStaff(given.app ?? app.part, email) };
    },
  };
}

export type TestWorld = ReturnType<typeof useTestWorld>;
