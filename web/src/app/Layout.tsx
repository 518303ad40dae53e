// The frame of every signed-in page: skip link, header with navigation and account, main, footer.
import { NavLink, Outlet } from "react-router";
import { messages } from "./messages";
import { useUnreadNotifications } from "./notifications";
import { useSession } from "./session";
import { pagesFor, type Space } from "./space";
import { Badge } from "../ui/Badge";

function BellIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" focusable="false">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}

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
                <span aria-hidden="true" className="badge__content">
                  <BellIcon />
                  {unread}
                </span>
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
