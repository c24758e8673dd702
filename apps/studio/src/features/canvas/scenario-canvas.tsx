'use client';

import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useEdgesState,
  useNodesState,
  type NodeTypes,
} from '@xyflow/react';
import { buildFlow } from './build-flow';
import { BaseNode } from './nodes/_base/node';
import { KIND_COLORS } from './nodes/_base/kinds';
import type { CanvasNode, NodeCatalog, ScenarioGraph } from './types';
import styles from './canvas.module.css';

const nodeTypes: NodeTypes = { parcours: BaseNode };

interface ScenarioCanvasProps {
  graph: ScenarioGraph;
  catalog: NodeCatalog;
  /** Accessible name of the canvas region, e.g. "Canvas of Welcome journey, version 1". */
  label: string;
}

/** Read-only canvas of one scenario graph: pan, zoom and select, nothing else. */
export function ScenarioCanvas({ graph, catalog, label }: ScenarioCanvasProps) {
  const initial = useMemo(() => buildFlow(graph, catalog), [graph, catalog]);
  const [nodes, , onNodesChange] = useNodesState<CanvasNode>(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);

  return (
    <section className={styles.canvas} aria-label={label}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        edgesReconnectable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.2}
        maxZoom={1.75}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cfd4dc" />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Minimap of the scenario"
          nodeColor={(node) => KIND_COLORS[(node as CanvasNode).data.kind] ?? '#98a2b3'}
          nodeBorderRadius={6}
          maskColor="rgb(240 242 245 / 0.7)"
        />
        <Controls showInteractive={false} />
      </ReactFlow>
      {nodes.length === 0 ? <p className={styles.empty}>This version has no steps.</p> : null}
    </section>
  );
}
