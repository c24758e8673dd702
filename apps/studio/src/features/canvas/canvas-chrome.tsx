'use client';

import { Background, BackgroundVariant, Controls, MiniMap, type NodeTypes } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { useFlowLabels } from './flow-labels';
import { BaseNode } from './nodes/_base/node';
import { KIND_COLORS } from './nodes/_base/kinds';
import type { CanvasNode } from './types';

const nodeTypes: NodeTypes = { parcours: BaseNode };

/** React Flow settings shared by the editor and the read-only canvas. */
export function useFlowDefaults() {
  const ariaLabelConfig = useFlowLabels();
  return {
    nodeTypes,
    elementsSelectable: true,
    edgesReconnectable: false,
    fitViewOptions: { padding: 0.2, maxZoom: 1 },
    minZoom: 0.2,
    maxZoom: 1.75,
    ariaLabelConfig,
  } as const;
}

/** What every canvas draws around its steps: the dotted background, the minimap and zoom controls. */
export function CanvasChrome() {
  const t = useTranslations('canvas');
  return (
    <>
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cfd4dc" />
      <MiniMap
        pannable
        zoomable
        ariaLabel={t('minimap')}
        nodeColor={(node) => KIND_COLORS[(node as CanvasNode).data.kind] ?? '#98a2b3'}
        nodeBorderRadius={6}
        maskColor="rgb(240 242 245 / 0.7)"
      />
      <Controls showInteractive={false} />
    </>
  );
}
