// Members' and federation's home until their spaces are built on this foundation.
import { PageTitle } from "../../ui/PageTitle";
import { messages } from "./messages";

export function ComingSoonPage() {
  return (
    <section>
      <PageTitle>{messages.comingSoonTitle}</PageTitle>
      <p>{messages.comingSoonText}</p>
    </section>
  );
}
