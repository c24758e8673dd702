'use client';

import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import { ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import { buildFlow } from './build-flow';
import { CanvasChrome, useFlowDefaults } from './canvas-chrome';
import type { CanvasNode, NodeCatalog, ScenarioGraph } from './types';
import styles from './canvas.module.css';

interface ScenarioCanvasProps {
  graph: ScenarioGraph;
  catalog: NodeCatalog;
  /** Accessible name of the canvas region, e.g. "Canvas of Welcome journey, version 1". */
  label: string;
}

/** Read-only canvas of one scenario graph (a published version): pan, zoom and select, nothing else. */
export function ScenarioCanvas({ graph, catalog, label }: ScenarioCanvasProps) {
  const t = useTranslations('canvas');
  const initial = useMemo(() => buildFlow(graph, catalog, t), [graph, catalog, t]);
  const [nodes, , onNodesChange] = useNodesState<CanvasNode>(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  const defaults = useFlowDefaults();

  return (
    <section className={styles.canvas} aria-label={label}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        {...defaults}
        nodesDraggable={false}
        nodesConnectable={false}
        deleteKeyCode={null}
        fitView
      >
        <CanvasChrome />
      </ReactFlow>
      {nodes.length === 0 ? <p className={styles.empty}>{t('emptyVersion')}</p> : null}
    </section>
  );
}
