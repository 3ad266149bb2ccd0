import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE, findIdentityBySessionToken } from '@/server/auth/sessions';
import { SignInForm } from '@/components/auth/sign-in-form';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await findIdentityBySessionToken((await cookies()).get(SESSION_COOKIE)?.value)) redirect('/');
  const { next } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2 text-xl font-semibold">
          <span className="inline-block h-7 w-7 rounded bg-gradient-to-br from-sky-400 to-indigo-500" aria-hidden />
          Opsdeck
        </div>
        <h1 className="mb-4 text-lg font-medium">Sign in to the console</h1>
        <SignInForm next={next ?? '/'} />
      </div>
    </main>
  );
}
