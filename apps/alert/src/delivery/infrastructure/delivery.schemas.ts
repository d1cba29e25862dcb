import mongoose from 'mongoose';
import type { Delivery, DeliveryAttempt, Destination } from '../domain/delivery.js';

export interface DeliveryDocument extends Omit<Delivery, 'deliveryId'> {
  _id: string;
  createdAt: Date;
}

export const DELIVERY_MODEL = 'AlertDelivery';
export const deliverySchema = new mongoose.Schema<DeliveryDocument>(
  {
    _id: String,
    alertId: { type: String, required: true },
    destinationId: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    batched: { type: Boolean, default: false },
  },
  { collection: 'alert_deliveries', versionKey: false },
);
deliverySchema.index({ status: 1, nextAttemptAt: 1 });
deliverySchema.index({ alertId: 1 });
deliverySchema.index({ destinationId: 1, status: 1 });

export interface AttemptDocument extends DeliveryAttempt {
  /** `<deliveryId>#<attempt>`: the unique insert that decides which worker owns an attempt. */
  _id: string;
}

export const ATTEMPT_MODEL = 'AlertDeliveryAttempt';
export const attemptSchema = new mongoose.Schema<AttemptDocument>(
  {
    _id: String,
    deliveryId: { type: String, required: true },
    attempt: { type: Number, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    outcome: { type: String, default: null },
    httpStatus: { type: Number, default: null },
    errorClass: { type: String, default: null },
    response: { type: String, default: null },
  },
  { collection: 'alert_delivery_attempts', versionKey: false },
);
attemptSchema.index({ deliveryId: 1, attempt: 1 });

export interface DestinationDocument extends Omit<Destination, 'destinationId'> {
  _id: string;
}

export const DESTINATION_MODEL = 'AlertDestination';
export const destinationSchema = new mongoose.Schema<DestinationDocument>(
  {
    _id: String,
    name: { type: String, required: true },
    type: { type: String, required: true },
    url: { type: String, required: true },
    secret: { type: String },
    enabled: { type: Boolean, required: true },
    quietHours: { type: mongoose.Schema.Types.Mixed },
    digestMinutes: { type: Number },
    status: { type: String, required: true },
    brokenReason: { type: String, default: null },
    brokenAt: { type: Date, default: null },
    pausedUntil: { type: Date, default: null },
  },
  { collection: 'alert_destinations', versionKey: false },
);
