// Never reached today (forbidden() is only called below app/[locale], whose own boundary answers), but
// every page's payload carries this boundary: a plain page instead of Next's default one with inline styles.
export default function RootForbidden() {
  return (
    <html lang="en">
      <body>
        <h1>403: This page could not be accessed.</h1>
      </body>
    </html>
  );
}
