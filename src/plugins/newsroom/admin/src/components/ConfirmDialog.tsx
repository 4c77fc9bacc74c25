import * as React from 'react';
import { Button, Dialog, Flex } from '@strapi/design-system';

/**
 * Asks an editor to confirm a decision the machine will act on at once (pin, hide, split out):
 * a title, what will happen (and any choices), Cancel and the action's own button.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  danger = false,
  onCancel,
  onConfirm,
  children,
}: {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  children: React.ReactNode;
}) {
  return (
    <Dialog.Root open onOpenChange={(open: boolean) => (open ? undefined : onCancel())}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" alignItems="stretch" gap={4} width="100%">
            {children}
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary" onClick={onCancel}>
              Cancel
            </Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button variant={danger ? 'danger-light' : 'default'} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}
