// Never reached today (nothing calls unauthorized()), but every page's payload carries this boundary:
// a plain page instead of Next's default one with inline styles.
export default function RootUnauthorized() {
  return (
    <html lang="en">
      <body>
        <h1>401: You’re not authorized to access this page.</h1>
      </body>
    </html>
  );
}
