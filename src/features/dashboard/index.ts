// The dashboard feature's public surface: the staff home plugin.
export { staffRoutes, type StaffRoutesOptions } from './dashboard.routes.js';
