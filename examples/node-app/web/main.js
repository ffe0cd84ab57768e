// Browser code built by Vite: VITE_ keys are inlined into the bundle, so they must not be secrets.
const apiBase = import.meta.env.VITE_API_BASE_URL;
const publishableKey = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;

export function config() {
  return { apiBase, publishableKey };
}
