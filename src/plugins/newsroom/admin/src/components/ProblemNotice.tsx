import { Alert, Box } from '@strapi/design-system';
import type { RequestProblem } from '../api';

/** A failed load: "not available yet" for a route the server does not offer, the error otherwise. */
export function ProblemNotice({ problem, what }: { problem: RequestProblem; what: string }) {
  return (
    <Box paddingBottom={4}>
      {problem.notAvailable ? (
        <Alert variant="default" closeLabel="Close" title={`${what} is not available`}>
          {problem.message}
        </Alert>
      ) : (
        <Alert variant="danger" closeLabel="Close" title={`${what} could not be loaded`}>
          {problem.message}
        </Alert>
      )}
    </Box>
  );
}
