'use client';

import '@xyflow/react/dist/style.css';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import { ReactFlow, ReactFlowProvider, useEdgesState, useNodesState } from '@xyflow/react';
import { NodeOverlayProvider } from '../node-overlay/node-overlay';
import { NodeOverlayStore } from '../node-overlay/overlay-store';
import { buildFlow } from './build-flow';
import type { SummaryNames } from './nodes/_base/types';
import { CanvasChrome, useFlowDefaults } from './canvas-chrome';
import type { CanvasNode, NodeCatalog, ScenarioGraph } from './types';
import styles from './canvas.module.css';

interface ScenarioCanvasProps {
  graph: ScenarioGraph;
  catalog: NodeCatalog;
  /** Accessible name of the canvas region, e.g. "Canvas of Welcome journey, version 1". */
  label: string;
  /** Segment names, shown on the steps instead of segment ids. */
  names: SummaryNames;
  /**
   * Controls above the canvas, rendered inside its flow and overlay (the live stats bar draws
   * its counts on these nodes).
   */
  toolbar?: ReactNode;
}

/** Read-only canvas of one scenario graph (a published version): pan, zoom and select, nothing else. */
export function ScenarioCanvas(props: ScenarioCanvasProps) {
  const [overlay] = useState(() => new NodeOverlayStore());
  return (
    <ReactFlowProvider>
      <NodeOverlayProvider store={overlay}>
        <ReadOnlyCanvas {...props} />
      </NodeOverlayProvider>
    </ReactFlowProvider>
  );
}

function ReadOnlyCanvas({ graph, catalog, label, names, toolbar }: ScenarioCanvasProps) {
  const t = useTranslations('canvas');
  const initial = useMemo(() => buildFlow(graph, catalog, t, { names }), [graph, catalog, t, names]);
  const [nodes, , onNodesChange] = useNodesState<CanvasNode>(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  const defaults = useFlowDefaults();

  return (
    <>
      {toolbar ? <div className={styles.toolbar}>{toolbar}</div> : null}
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
    </>
  );
}
