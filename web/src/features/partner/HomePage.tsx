// Placeholder home of the partner space, until the dashboard replaces it.
import { useSession } from "../../app/session";
import { useUnreadNotifications } from "../../app/notifications";
import { PageTitle } from "../../ui/PageTitle";
import { messages } from "./messages";

export function PartnerHomePage() {
  const { user } = useSession();
  const unread = useUnreadNotifications();
  const company = user?.partner?.name;
  return (
    <section>
      <PageTitle>{messages.homeTitle}</PageTitle>
      <p>{company ? messages.welcome(company) : messages.welcomeNoCompany}</p>
      <p>{messages.unread(unread)}</p>
      <p>{messages.comingSoon}</p>
    </section>
  );
}
