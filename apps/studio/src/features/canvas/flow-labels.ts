'use client';

import type { AriaLabelConfig } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';

/** React Flow's own accessible names and descriptions, in the studio's language. */
export function useFlowLabels(): Partial<AriaLabelConfig> {
  const t = useTranslations('canvas.flow');
  return useMemo(
    () => ({
      'node.a11yDescription.default': t('nodeDescription'),
      'node.a11yDescription.keyboardDisabled': t('nodeDescriptionKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('nodeMoved', { direction, x, y }),
      'edge.a11yDescription.default': t('edgeDescription'),
      'controls.ariaLabel': t('controls'),
      'controls.zoomIn.ariaLabel': t('zoomIn'),
      'controls.zoomOut.ariaLabel': t('zoomOut'),
      'controls.fitView.ariaLabel': t('fitView'),
      'controls.interactive.ariaLabel': t('interactive'),
      'minimap.ariaLabel': t('minimap'),
      'handle.ariaLabel': t('handle'),
    }),
    [t],
  );
}
