/** A database URL fit for a log line or an error message: the password, if any, replaced. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    // Not a URL we can take apart: say nothing of it rather than risk its secret.
    return '(unparseable database URL)';
  }
}

/** An error message with the URL's password taken out, should a driver ever echo it. */
export function withoutPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message;
  }
  return password ? message.split(password).join('***') : message;
}
