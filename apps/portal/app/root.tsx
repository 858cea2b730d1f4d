import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useLocation, useNavigation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import styles from "./styles/govuk.scss?url";
import { enhanceGovukComponents } from "./utils/enhance.client";
import { Header, Footer, SkipLink } from "./components/layout";
import { Page } from "./components/page";
import { rootData } from "./utils/root.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  // No favicon request, so no 404 in the console (docs/toolchain.md gotcha 12).
  { rel: "icon", href: "data:," },
];

export const meta: MetaFunction = () => [{ title: "Complaints" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return rootData(context, request);
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

function Document({ children, nonce, data }: { children: React.ReactNode; nonce: string | undefined; data: RootData | undefined }) {
  const location = useLocation();
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
    <html lang="en" className="govuk-template govuk-template--rebranded">
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
        <SkipLink />
        <Header data={data} />
        <div className="govuk-width-container">{children}</div>
        <Footer data={data} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Document nonce={data.nonce} data={data}>
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRootData();
  let title = "Sorry, there is a problem with the service";
  let body: React.ReactNode = <p className="govuk-body">Try again later. If it keeps happening, tell the service desk.</p>;
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
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
