import styles from "./notice-list.module.css";

/** A person's notices (account and onboarding), newest first as given: title, when, and the text. */
export function NoticeList({
  notices,
  when,
}: {
  notices: readonly { id: string; title: string; body: string; createdAt: Date }[];
  when: (createdAt: Date) => string;
}) {
  return (
    <ul className={styles.notices}>
      {notices.map((notice) => (
        <li key={notice.id} className="panel">
          <p>
            <strong>{notice.title}</strong> <span className="muted">{when(notice.createdAt)}</span>
          </p>
          <p>{notice.body}</p>
        </li>
      ))}
    </ul>
  );
}
