'use client';

import type { NodeProps } from '@xyflow/react';
import type { CanvasNode } from '../../types';
import { resolveView } from '../components';
import { NodeHeader } from './node-header';
import { InputHandle, OutputHandles } from './node-handles';
import styles from './node.module.css';

/**
 * The one React Flow node type of the canvas: shared chrome (input handle, header, output handles)
 * around the body component registered for the node's type.
 */
export function BaseNode({ data, selected }: NodeProps<CanvasNode>) {
  const { Icon, Body } = resolveView(data.nodeType, data.kind);
  return (
    <div
      className={data.compact ? `${styles.node} ${styles.compact}` : styles.node}
      data-kind={data.kind}
      data-selected={selected || undefined}
    >
      {data.hasInput ? <InputHandle /> : null}
      <NodeHeader kind={data.kind} title={data.title} Icon={Icon} />
      {data.compact ? null : <Body config={data.config} summary={data.summary} />}
      <OutputHandles ports={data.ports} />
    </div>
  );
}
