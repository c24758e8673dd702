'use client';

import type { NodeProps } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { NodeOverlayView } from '../../../node-overlay/node-overlay';
import type { CanvasNode } from '../../types';
import { resolveIcon } from '../components';
import { NodeHeader } from './node-header';
import { InputHandle, OutputHandles } from './node-handles';
import styles from './node.module.css';

/**
 * The one React Flow node type of the canvas: shared chrome (handles, header, problems) around the
 * one-line summary of the node's config.
 */
export const BaseNode = memo(function BaseNode({ id, data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useTranslations('canvas');
  const Icon = resolveIcon(data.nodeType, data.kind, data.icon);
  const name = data.label || data.title;
  return (
    <div
      className={data.compact ? `${styles.node} ${styles.compact}` : styles.node}
      data-kind={data.kind}
      data-selected={selected || undefined}
      data-invalid={data.problems.length > 0 || undefined}
    >
      {data.hasInput ? (
        <InputHandle connectable={isConnectable} label={t('inputHandle', { node: name })} />
      ) : null}
      <NodeHeader
        title={name}
        kindLabel={t(`kinds.${data.kind}`)}
        Icon={Icon}
        problems={data.problems}
        problemsLabel={t('problemBadge', { count: data.problems.length })}
      />
      {data.compact ? null : (
        <div className={styles.body}>
          <p className={styles.summary} title={data.summary}>
            {data.summary}
          </p>
          {data.detail ? (
            <p className={styles.detail} title={data.detail}>
              {data.detail}
            </p>
          ) : null}
        </div>
      )}
      <NodeOverlayView nodeId={id} />
      <OutputHandles
        ports={data.ports}
        connectable={isConnectable}
        labelOf={(port) =>
          data.ports.length > 1
            ? t('outputHandlePort', { node: name, port })
            : t('outputHandle', { node: name })
        }
      />
    </div>
  );
});
