import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useLocation, useMatches, useNavigation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import styles from "./styles/govuk.scss?url";
import { enhanceGovukComponents } from "./utils/enhance.client";
import { Header, Footer, SkipLink } from "./components/layout";
import { Page } from "./components/page";
import { rootData } from "./utils/root.server";
import { LanguageContext } from "./i18n";
import { INSTALL_COMMAND, isNotSetUp, type NotSetUp } from "./utils/not-set-up";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  // No favicon request, so no 404 in the console (docs/toolchain.md gotcha 12).
  { rel: "icon", href: "data:," },
];

export const meta: MetaFunction = () => [{ title: "Complaints" }];

/**
 * No council for this address (the API's NOT_SET_UP): every page is the 503 "not set up" page.
 * The root loader answers it rather than throwing it, so the page keeps the root's data (the
 * CSP nonce its scripts need); a page whose own loader meets it first throws it to the
 * ErrorBoundary, which shows the same page.
 */
export async function loader({ context, request }: LoaderFunctionArgs) {
  const root = await rootData(context, request);
  return data(root, root.notSetUp ? { status: 503, headers: { "Retry-After": "3600" } } : undefined);
}

export type RootData = Awaited<ReturnType<typeof rootData>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

function Document({ children, nonce, data: loaded }: { children: React.ReactNode; nonce: string | undefined; data: RootData | undefined }) {
  const location = useLocation();
  // Only the pages whose words are all in the message files (`handle.welsh`) are shown in Welsh;
  // any other page stays in English, marked lang="en", with a line saying so (decision 0517).
  const translated = useMatches().some((m) => (m.handle as { welsh?: boolean } | undefined)?.welsh === true);
  const data = loaded ? { ...loaded, language: translated ? loaded.language : ("en" as const) } : loaded;
  const navigation = useNavigation();
  useEffect(() => {
    // Marks for the browser tests: hydration done, and a navigation in flight.
    document.documentElement.dataset.hydrated = "true";
  }, []);
  useEffect(() => {
    const html = document.documentElement;
    if (navigation.state === "idle") {
      delete html.dataset.navigating;
      enhanceGovukComponents();
    } else html.dataset.navigating = navigation.state;
  }, [location.key, navigation.state]);

  return (
    <html lang={data?.language ?? "en"} className="govuk-template govuk-template--rebranded">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <Meta />
        <Links />
      </head>
      {/* GOV.UK Frontend marks the body as soon as it can; React must not undo it on hydration. */}
      <body className="govuk-template__body" suppressHydrationWarning>
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{
            __html: "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');",
          }}
        />
        <LanguageContext.Provider value={data?.language ?? "en"}>
          <SkipLink data={data} />
          <Header data={data} />
          <div className="govuk-width-container">{children}</div>
          <Footer data={data} />
        </LanguageContext.Provider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const root = useLoaderData<typeof loader>();
  return (
    <Document nonce={root.nonce} data={root}>
      {root.notSetUp ? (
        <Page narrow heading={NOT_SET_UP_HEADING}>
          <NotSetUpPage problem={root.notSetUp} />
        </Page>
      ) : (
        <Outlet />
      )}
    </Document>
  );
}

const NOT_SET_UP_HEADING = "This service is not set up yet";

/**
 * No council for this address (503, GOV.UK's "service unavailable" pattern, in plain words).
 * On the sign-in page of a server with none installed, whoever runs it is told how to install one.
 */
function NotSetUpPage({ problem }: { problem: NotSetUp }) {
  const location = useLocation();
  const signingIn = location.pathname.startsWith("/sign-in");
  return (
    <>
      <p className="govuk-body">{problem.message}</p>
      {signingIn && problem.reason === "nothing-installed" ? (
        <>
          <h2 className="govuk-heading-m">If you run this server</h2>
          <p className="govuk-body">Nobody can sign in until a council is installed. Install one from its profile, which also creates its first administrator:</p>
          <p className="govuk-body">
            <code>{INSTALL_COMMAND}</code>
          </p>
          <p className="govuk-body">The README&rsquo;s section &ldquo;Running it for your council&rdquo; says how. Then sign in here as the administrator.</p>
        </>
      ) : (
        <p className="govuk-body">You can still contact the council by phone, by post or in person.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRootData();
  let title = "Sorry, there is a problem with the service";
  let body: React.ReactNode = <p className="govuk-body">Try again later. If it keeps happening, tell the service desk.</p>;
  if (isRouteErrorResponse(error)) {
    if (error.status === 503 && isNotSetUp(error.data)) {
      title = NOT_SET_UP_HEADING;
      body = <NotSetUpPage problem={error.data as NotSetUp} />;
    } else if (error.status === 404) {
      title = "Page not found";
      body = (
        <>
          {typeof error.data === "string" && !error.data.startsWith("Error:") ? <p className="govuk-body">{error.data}</p> : null}
          <p className="govuk-body">If you typed the web address, check it is correct.</p>
          <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        </>
      );
    } else if (error.status === 403) {
      title = "You cannot see this page";
      body = <p className="govuk-body">{typeof error.data === "string" ? error.data : "Your role does not allow it."}</p>;
    } else if (typeof error.data === "string" && error.status < 500) {
      title = "There is a problem";
      body = <p className="govuk-body">{error.data}</p>;
    }
  }
  return (
    <Document nonce={data?.nonce} data={data}>
      <Page narrow heading={title}>
        {body}
      </Page>
    </Document>
  );
}
