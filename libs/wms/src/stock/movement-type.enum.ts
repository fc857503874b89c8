export enum MovementType {
  RECEIPT = 'receipt',
  PICK = 'pick',
  ADJUSTMENT = 'adjustment',
  TRANSFER = 'transfer',
}
