import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useCreateProduct, useUpdateProduct, type BillingProduct } from '../../api/billing';
import { fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';

const FIELDS = ['name', 'description', 'features'];
const MAX_FEATURES = 15;

/** One feature a line; blank lines are dropped. */
const featureLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

interface ProductFormModalProps {
  /** Null creates a new product. */
  product: BillingProduct | null;
  onClose: () => void;
  onSaved: (product: BillingProduct) => void;
}

/** Name, description and the marketing features Stripe shows on Checkout and the pricing table. */
export function ProductFormModal({ product, onClose, onSaved }: ProductFormModalProps) {
  const [name, setName] = useState(product?.name ?? '');
  const [description, setDescription] = useState(product?.description ?? '');
  const [features, setFeatures] = useState((product?.features ?? []).join('\n'));
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const mutation = product ? update : create;
  const errors = fieldErrors(mutation.error);
  const lines = featureLines(features);
  const featureProblem = lines.length > MAX_FEATURES ? `At most ${MAX_FEATURES} features` : lines.some((line) => line.length > 80) ? 'Each feature is at most 80 characters' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (featureProblem) return;
    const body = { name: name.trim(), description: description.trim() || undefined, features: lines };
    if (product) update.mutate({ id: product.id, ...body, description: description.trim() }, { onSuccess: onSaved });
    else create.mutate(body, { onSuccess: onSaved });
  };

  return (
    <Modal opened onClose={onClose} title={product ? 'Edit product' : 'New product'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" required data-autofocus maxLength={200} value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
          <Textarea
            label="Description"
            description="Shown to buyers on Stripe Checkout."
            autosize
            minRows={2}
            maxLength={2000}
            value={description}
            error={errors.description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Textarea
            label="Features"
            description={`One a line, up to ${MAX_FEATURES}: what the buyer gets.`}
            autosize
            minRows={3}
            value={features}
            error={featureProblem ?? errors.features}
            onChange={(e) => setFeatures(e.currentTarget.value)}
          />
          <ProblemAlert error={mutation.error} hideFields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {product ? 'Save product' : 'Create product'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
