import Link from 'next/link';
import type { ApiError } from '@/lib/api/client';
import { Notice } from './notice';
import styles from './notice.module.css';

/** Full-width explanation of a failed API call, with the way out (connect a key, start the API). */
export function ApiErrorState({ error }: { error: ApiError }) {
  switch (error.kind) {
    case 'unauthorized':
      return (
        <Notice
          tone="danger"
          role="alert"
          title={error.keySource === 'none' ? 'No API key configured' : 'Your API key was rejected (401)'}
          actions={
            <Link href="/connect" className={styles.button}>
              Connect an admin key
            </Link>
          }
        >
          <p>
            {error.keySource === 'none'
              ? 'The studio has no admin key to call the Parcours API with.'
              : `The Parcours API refused the admin key ${
                  error.keySource === 'cookie' ? 'saved in this browser' : 'set in PARCOURS_API_KEY'
                }: “${error.message}”.`}
          </p>
          <p>Paste a valid admin key of your workspace to continue.</p>
        </Notice>
      );
    case 'unreachable':
      return (
        <Notice tone="warning" role="alert" title="Can’t reach the Parcours API">
          <p>
            The studio could not connect to <code>{error.url}</code> ({error.message}).
          </p>
          <p>
            Check that the API is running, or point <code>PARCOURS_API_URL</code> at it.
          </p>
        </Notice>
      );
    case 'not-found':
      return (
        <Notice tone="warning" role="alert" title="Not found">
          <p>{error.message}</p>
        </Notice>
      );
    case 'http':
      return (
        <Notice tone="danger" role="alert" title={`The Parcours API answered ${error.status}`}>
          <p>{error.message}</p>
        </Notice>
      );
  }
}
