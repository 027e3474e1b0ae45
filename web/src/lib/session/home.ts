/**
 * Where each role starts. Signing in goes straight there, so there is one navigation,
 * not a stop at "/" and a redirect that would overtake a quick first click.
 */
import type { Role } from '@icaro/domain';
import { isStaff } from './session.svelte.ts';

export type HomeRoute = '/' | '/ufficio' | '/associazione' | '/amministrazione/associazioni' | '/ragioneria' | '/revisione' | '/statistiche';

export function homeRoute(role: Role | undefined): HomeRoute {
  if (role && isStaff(role)) return '/ufficio';
  switch (role) {
    case 'association_admin':
      return '/associazione';
    case 'admin':
      return '/amministrazione/associazioni';
    case 'accounts':
      return '/ragioneria';
    case 'auditor':
      return '/revisione';
    case 'analyst':
      return '/statistiche';
    default:
      // Citizens, association operators and professionals: their start page is "/".
      return '/';
  }
}
