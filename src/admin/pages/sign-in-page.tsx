import { Csrf, Notice } from '../../web/layout.tsx';

/** Staff sign-in; one message for every failure so it never tells which emails are staff. */
export function SignInPage(props: { csrf: string; email: string; message?: string }) {
  return (
    <section>
      <h1>Staff sign-in</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <form method="post" action="/admin/sign-in" class="stack">
        <Csrf token={props.csrf} />
        <label>
          Email
          <input type="email" name="email" value={props.email} required autocomplete="username" />
        </label>
        <label>
          Password
          <input type="password" name="password" required autocomplete="current-password" />
        </label>
        <div>
          <button type="submit">Sign in</button>
        </div>
      </form>
    </section>
  );
}
