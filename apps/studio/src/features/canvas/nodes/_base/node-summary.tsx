import styles from './node.module.css';

/** The single-line summary every node shows under its header. */
export function NodeSummary({ text, detail }: { text: string; detail?: string }) {
  return (
    <div className={styles.body}>
      <p className={styles.summary} title={text}>
        {text}
      </p>
      {detail ? (
        <p className={styles.detail} title={detail}>
          {detail}
        </p>
      ) : null}
    </div>
  );
}
