import type { ReactNode } from 'react';
import { Alert, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/api-error';

/** A query's loading spinner or error, or its data handed to `children` once there. */
export function QueryState<T>({ query, label, children }: { query: UseQueryResult<T>; label: string; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <Center p="xl" role="status" aria-label={`Loading ${label}`}>
        <Loader />
      </Center>
    );
  }
  if (query.isError) {
    return <ErrorAlert error={query.error} title={`Could not load ${label}`} />;
  }
  return children(query.data);
}

/** An API error as people read it: the API's sentence, and the fields it named. */
export function ErrorAlert({ error, title }: { error: unknown; title: string }) {
  const message = error instanceof Error ? error.message : 'Something went wrong';
  const fields = error instanceof ApiError ? error.errors : [];
  return (
    <Alert color="red" title={title} role="alert">
      {message}
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={`${field.field}:${field.message}`}>
              {field.field}: {field.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
