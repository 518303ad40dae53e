// The frame of every signed-in page: skip link, header with navigation and account, main, footer.
import { NavLink, Outlet } from "react-router";
import { messages } from "./messages";
import { useUnreadNotifications } from "./notifications";
import { useSession } from "./session";
import { pagesFor, type Space } from "./space";
import { Badge } from "../ui/Badge";

export function Layout({ space }: { space?: Space }) {
  const { user, signOut } = useSession();
  const unread = useUnreadNotifications(user !== null);
  const links = space && user ? pagesFor(space, user.role).filter((page) => page.navLabel) : [];
  return (
    <>
      <a className="skip-link" href="#contenu">
        {messages.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header__top">
          <NavLink to="/" className="brand">
            {messages.appName}
          </NavLink>
          {user ? (
            <div className="account">
              <span className="account__name">{messages.signedInAs(user.fullName || user.email)}</span>
              <Badge tone={unread > 0 ? "info" : "neutral"} label={messages.notifications(unread)}>
                <span aria-hidden="true">🔔 {unread}</span>
              </Badge>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void signOut()}
              >
                {messages.signOut}
              </button>
            </div>
          ) : null}
        </div>
        {links.length > 0 ? (
          <nav aria-label={messages.mainNavigation}>
            <ul className="nav">
              {links.map((page) => (
                <li key={page.path}>
                  <NavLink to={page.path === "" ? space!.basePath : `${space!.basePath}/${page.path}`} end={page.path === ""}>
                    {page.navLabel}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="contenu" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{messages.footer}</p>
      </footer>
    </>
  );
}
