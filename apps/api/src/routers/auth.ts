import { z } from "zod";
import { publicProcedure, router, staffSessionProcedure } from "../trpc.js";
import { changePassword, currentStaff, loginWithPassword, logout, setSessionCookie } from "../services/auth.js";
import { sessionCookieName, toPrincipal } from "../auth/sessions.js";
import { describeStaff, staffView } from "../services/staff-view.js";

export const authRouter = router({
  /** How staff can sign in here. */
  methods: publicProcedure.query(({ ctx }) => ({
    password: true,
    sso: ctx.deps.oidc ? { label: ctx.deps.oidc.settings.label, startUrl: "/auth/oidc/start" } : null,
  })),

  login: publicProcedure
    .input(
      z.object({
        email: z.email("Enter an email address like name@council.gov.uk").max(320),
        password: z.string().min(1, "Enter your password").max(256),
        council: z.string().regex(/^[a-z0-9-]+$/).optional(),
      }),
    )
    .output(staffView)
    .mutation(async ({ ctx, input }) => {
      const { staff, token, expiresAt } = await loginWithPassword(ctx.deps, input, ctx.request);
      setSessionCookie(ctx.deps, ctx.cookies, token, expiresAt);
      return describeStaff(ctx.deps, toPrincipal(staff, null));
    }),

  logout: staffSessionProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.deps, ctx.staff, ctx.cookies);
    return { signedOut: true };
  }),

  me: staffSessionProcedure.output(staffView).query(async ({ ctx }) => describeStaff(ctx.deps, await currentStaff(ctx.deps, ctx.staff))),

  changePassword: staffSessionProcedure
    .input(z.object({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.deps, ctx.staff, input.current, input.next);
      ctx.cookies.clear(sessionCookieName(ctx.deps.config.secureCookies));
      return { changed: true, signInAgain: true };
    }),
});
