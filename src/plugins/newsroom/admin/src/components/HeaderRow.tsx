import { Th, Thead, Tr, Typography } from '@strapi/design-system';

/** The header row of a Newsroom table: one column label each, in the admin's own table style. */
export function HeaderRow({ labels }: { labels: readonly string[] }) {
  return (
    <Thead>
      <Tr>
        {labels.map((label) => (
          <Th key={label}>
            <Typography variant="sigma">{label}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
  );
}
